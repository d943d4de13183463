"""Rank every parameter of a set by its Sobol' total index on the headline metrics.

Run from the project root::

    python docs/parameter_ranking.py            # writes docs/parameter_ranking.md
    python docs/parameter_ranking.py --n-base 256 --out /tmp/ranking.md

The workforce and scenarios are those of ``remotecalc demo`` (2,000 synthetic employees of
the demo municipality, seed 0; 1 day home, 2 days home, 2 days with anchor days and space
given up, 3 days with space given up). For each scenario, :func:`remotecalc.sensitivity`
computes first-order and total Sobol' indices (SALib, Saltelli sampling, Jansen estimator)
of the scenario's change in each headline metric, with every declared uncertainty of the
set as an input. A parameter's rank is its largest total index over metrics and scenarios.
Parameters that cannot change any result of this workforce (the factors of a mode nobody
commutes by, ...) and parameters without a declared uncertainty are listed after the ranked
ones, with the reason.

The page answers one question: which numbers must be read in a source before a result
can be defended. Every parameter whose total index reaches :data:`THRESHOLD` for a headline
metric is marked; its status (R, R2, C, M) shows whether it has been.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

# this checkout's remotecalc, not an installed copy
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

import remotecalc as rc
from remotecalc.inputs.parameters import load_parameters
from remotecalc.model.engine import SITE_VALUE_KEYS

#: Headline metrics: scenario change in each, with the perspective it answers for.
HEADLINE: dict[str, str] = {
    "net_co2e_t": "climate: net CO2e [t/yr]",
    "employee_net_cost": "employees: net money cost [DKK/yr]",
    "office_cost": "employer: office cost [DKK/yr]",
    "fiscal_cost": "state: revenue forgone [DKK/yr]",
    "external_cost": "society: external costs of car travel [DKK/yr]",
    "time_value": "employees: value of commuting time [DKK/yr]",
    "net_cost": "all: net money cost [DKK/yr]",
    "desks_needed": "employer: desks needed",
    "area_m2": "employer: office area [m2]",
}

#: The four headline metrics issue 14 names for its sourcing rule (net CO2e, net money
#: cost, desks, area).
ISSUE_HEADLINE: tuple[str, ...] = ("net_co2e_t", "net_cost", "desks_needed", "area_m2")

#: A total index at or above this, for any headline metric, means "must be read in a source".
THRESHOLD = 0.01

SHORT = {
    "net_co2e_t": "CO2e",
    "employee_net_cost": "empl. cost",
    "office_cost": "office cost",
    "fiscal_cost": "fiscal",
    "external_cost": "external",
    "time_value": "time",
    "net_cost": "net cost",
    "desks_needed": "desks",
    "area_m2": "area",
}


def demo_scenarios() -> list[rc.Scenario]:
    """The four scenarios of ``remotecalc demo``."""
    return [
        rc.Scenario(name="1 day home", remote_days_per_week=1),
        rc.Scenario(name="2 days home", remote_days_per_week=2),
        rc.Scenario(
            name="2 days, anchor Tue+Thu, space given up",
            remote_days_per_week=2,
            anchor_days=("tue", "thu"),
            release_space=1.0,
        ),
        rc.Scenario(name="3 days home, space given up", remote_days_per_week=3, release_space=1.0),
    ]


def ranking(
    params: str = "dk-2025", n_employees: int = 2000, n_base: int = 1024, seed: int = 1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Total indices of every parameter, and the ranked table.

    Returns
    -------
    (indices, table)
        ``indices``: scenario, metric, parameter, S1, ST, ST_conf (long).
        ``table``: one row per parameter of the set: key, status, value, unit, max_ST,
        max_ST_conf, metric, scenario (where the maximum is), one column per headline
        metric (its largest ST over scenarios), ``needs_source`` (max_ST >= THRESHOLD) and
        ``why_not_ranked`` for parameters not varied.
    """
    p = load_parameters(params)
    wf = rc.datasets.demo_workforce(n_employees, seed=0)
    parts, fixed = [], {}
    for sc in demo_scenarios():
        res = rc.sensitivity(wf, sc, p, metrics=tuple(HEADLINE), n_base=n_base, seed=seed)
        parts.append(res.indices.assign(scenario=sc.name))
        for k, reason in zip(res.fixed["key"], res.fixed["reason"], strict=True):
            fixed.setdefault(k, reason)
    idx = pd.concat(parts, ignore_index=True)
    varied = set(idx["parameter"])
    best = idx.sort_values("ST", ascending=False).drop_duplicates("parameter")
    per_metric = idx.pivot_table(index="parameter", columns="metric", values="ST", aggfunc="max")
    d = p.describe().set_index("key")
    rows = []
    for key in d.index:
        row = {
            "key": key,
            "status": d.loc[key, "status"],
            "value": d.loc[key, "value"],
            "unit": d.loc[key, "unit"],
        }
        if key in varied:
            b = best.set_index("parameter").loc[key]
            row |= {
                "max_ST": float(b["ST"]),
                "max_ST_conf": float(b["ST_conf"]),
                "metric": b["metric"],
                "scenario": b["scenario"],
                **{m: float(per_metric.loc[key].get(m, 0.0)) for m in HEADLINE},
                "why_not_ranked": "",
            }
        else:
            links, formulas = p.links(), p.formula_links()
            why = (
                f"same quantity as `{links[key]}` (varied with it)"
                if key in links
                else (
                    "computed from its parts (a formula link, varied through them): "
                    + ", ".join(f"`{q}`" for q in formulas[key][1])
                )
                if key in formulas
                else fixed.get(key)
                or (
                    "no uncertainty declared (fixed)"
                    if d.loc[key, "uncertainty"] == ""
                    else "not an input of the fast model"
                )
            )
            row |= {"max_ST": float("nan"), "why_not_ranked": why}
        rows.append(row)
    table = pd.DataFrame(rows)
    table["needs_source"] = table["max_ST"] >= THRESHOLD
    table = table.sort_values("max_ST", ascending=False, na_position="last", kind="stable")
    return idx, table.reset_index(drop=True)


def site_overridden(n_employees: int = 2000) -> dict[str, str]:
    """Per-m² parameters that no demo scenario can move: key -> the sites' column.

    Rent, operating cost and energy per m² change a result only through area given up
    (held area costs the same in every scenario), and every demo site that may give up
    space (``space_can_be_released``) gives its own value, which replaces the parameter.
    """
    sites = rc.datasets.demo_workforce(n_employees, seed=0).sites
    can = sites["space_can_be_released"].astype(bool) if "space_can_be_released" in sites else None
    if can is None or not can.any():
        return {}
    return {
        key: col
        for col, key in SITE_VALUE_KEYS.items()
        if col in sites.columns and sites.loc[can, col].notna().all()
    }


def _fmt(x: float) -> str:
    return "" if pd.isna(x) else ("< 0.001" if x < 0.0005 else f"{x:.3f}")


def markdown(table: pd.DataFrame, params: str, n_employees: int, n_base: int, seed: int) -> str:
    """The ranking as a Markdown page."""
    p = load_parameters(params)
    counts = p.describe()["status"].value_counts()
    count_text = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("R", "R2", "C", "M"))
    ranked = table[table["max_ST"].notna()]
    need = ranked[ranked["needs_source"]]
    need_counts = need["status"].value_counts()
    four = ranked[ranked[list(ISSUE_HEADLINE)].max(axis=1) >= THRESHOLD]
    four_counts = four["status"].value_counts()
    four_m = ", ".join(f"`{k}`" for k in four.loc[four["status"] == "M", "key"])
    overridden = site_overridden(n_employees)
    lines = [
        f"# Which parameters matter: Sobol' ranking of `{params}`",
        "",
        "Written by `docs/parameter_ranking.py` (do not edit by hand); "
        f"run {_dt.date.today().isoformat()}.",
        "",
        f"- Workforce: `remotecalc demo` organisation, {n_employees:,} employees, seed 0.",
        "- Scenarios: the four of `remotecalc demo`; a parameter's index is its largest over them.",
        f"- Sobol' total indices (ST) of each scenario's change, N = {n_base} base samples "
        f"(N x (k + 2) model runs per scenario), seed {seed}; ST_conf is the 95 % bootstrap "
        "half-width.",
        f"- Parameter set `{params}`: {len(p)} parameters ({count_text}); emission "
        f"boundary {p.emission_scope.replace('_', '-')}.",
        f"- Linked keys (`same_as`, one physical quantity under several keys, e.g. the car "
        f"fuels' circuity) are varied with their root: {len(p.links())} keys, listed under "
        "'Not varied'.",
        f"- {len(ranked)} parameters are varied; {len(need)} reach ST >= {THRESHOLD} for a "
        "headline metric ("
        + ", ".join(f"{need_counts.get(s, 0)} {s}" for s in ("R", "R2", "C", "M"))
        + "). Status M among them means the primary source could not be read; its note "
        "says so.",
        f"- On the four headline metrics of issue 14 (net CO2e, net money cost, desks, area) "
        f"{len(four)} reach ST >= {THRESHOLD} ("
        + ", ".join(f"{four_counts.get(s, 0)} {s}" for s in ("R", "R2", "C", "M"))
        + ")"
        + (f"; status M: {four_m}." if four_m else "."),
        *(
            f"- `{key}` shows ST 0 (marked †) because site data override it: a per-m² value "
            "changes a result only through space given up, and every demo site whose lease "
            "lets space be given up gives its own value "
            f"(sites column `{col}`), which replaces the parameter in the model "
            "(remotecalc.model.engine.SITE_VALUE_KEYS). The other sites use the parameter, "
            "but hold the same area in every scenario, so its draws change nothing here. For "
            "a workforce whose releasable sites give no value of their own it drives the "
            "office cost of the scenarios that give up space, and must then be read in a "
            "source like any other."
            for key, col in overridden.items()
        ),
        "",
        "Headline metrics (columns): "
        + "; ".join(f"**{SHORT[m]}** = {label}" for m, label in HEADLINE.items())
        + ".",
        "",
        "| # | parameter | status | max ST (± conf) | where | "
        + " | ".join(SHORT[m] for m in HEADLINE)
        + " |",
        "|---|---|---|---|---|" + "---|" * len(HEADLINE),
    ]
    for i, r in enumerate(ranked.itertuples(index=False), start=1):
        mark = " **≥ 0.01**" if r.needs_source else (" †" if r.key in overridden else "")
        cells = " | ".join(_fmt(getattr(r, m)) for m in HEADLINE)
        lines.append(
            f"| {i} | `{r.key}` | {r.status} | {r.max_ST:.3f} ± {r.max_ST_conf:.3f}{mark} | "
            f"{SHORT[r.metric]}, {r.scenario} | {cells} |"
        )
    rest = table[table["max_ST"].isna()]
    lines += [
        "",
        f"## Not varied ({len(rest)})",
        "",
        "| parameter | status | why |",
        "|---|---|---|",
    ]
    lines += [f"| `{r.key}` | {r.status} | {r.why_not_ranked} |" for r in rest.itertuples()]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--params", default="dk-2025")
    ap.add_argument("--n", type=int, default=2000, dest="n_employees")
    ap.add_argument("--n-base", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path(__file__).with_suffix(".md"))
    a = ap.parse_args()
    _, table = ranking(a.params, a.n_employees, a.n_base, a.seed)
    a.out.write_text(markdown(table, a.params, a.n_employees, a.n_base, a.seed), encoding="utf-8")
    print(f"written {a.out}")


if __name__ == "__main__":
    main()
